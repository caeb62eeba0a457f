"""Feed side: fetch -> parse -> normalise -> dedupe -> produce to the raw topic."""
