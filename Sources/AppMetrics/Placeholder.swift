// Placeholder: replaced by the issue that builds Instrumentation.
