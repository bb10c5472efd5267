UPDATE business SET completed_jobs = 'lots';
