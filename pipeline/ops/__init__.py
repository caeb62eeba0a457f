"""Operating the job: Prometheus metrics and the `newsflow status` report."""
