"""Training data for the vip-tiny demo model: fetch, select, split and crop real photos."""
