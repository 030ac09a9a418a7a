"""Reports: exports of a trader's data (CSV, Form 8949-style CSV, PDF) in ``reports.exports``."""
