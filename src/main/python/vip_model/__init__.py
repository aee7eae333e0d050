"""VIP Outpaint model toolchain: C-T-S inpainting UNet, text encoder, autoencoders,
noise schedules, training and export to the DJL model bundle."""
