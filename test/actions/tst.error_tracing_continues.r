still tracing

