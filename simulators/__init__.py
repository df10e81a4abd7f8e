"""Simulated devices that speak the real protocols: the injection gun (and a laboratory balance)."""
