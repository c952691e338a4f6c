"""Running the site: health checks, request ids and logs, progress of long commands, backups."""
