"""Gun calibration: the laboratory balance, gravimetric dose accuracy, flow accuracy (trumpet curves)."""
