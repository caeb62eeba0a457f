"""Everything that speaks the Kafka protocol; the only package that imports kafka-python."""
