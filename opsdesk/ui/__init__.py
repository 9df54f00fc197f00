"""Qt only: thin widgets that call services and show their plain-data results."""
