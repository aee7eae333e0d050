"""Evaluation of outpainting methods on held-out photos: masked metrics, seams and colour."""
