import pytest
import torch

from conftest import reduced_sd15
from vip_model.config import named_config, tiny
from vip_model.model import build_model


@pytest.mark.parametrize("config", [tiny(vocab_size=50, max_length=16), reduced_sd15()],
                         ids=["tiny", "reduced-sd15"])
def test_module_shapes(config):
    model = build_model(config, seed=0).eval()
    batch, width, height = 2, 2 * config.multiple_of, 3 * config.multiple_of
    factor = config.autoencoder.downsample_factor
    channels = config.latent_channels
    length, hidden = config.text.max_length, config.text.hidden_size

    with torch.no_grad():
        ids = torch.randint(0, config.text.vocab_size, (batch, length))
        embeddings = model.text_encoder(ids)
        assert embeddings.shape == (batch, length, hidden)

        image = torch.rand(batch, 3, height, width) * 2 - 1
        latents = model.autoencoder.encoder_module()(image)
        assert latents.shape == (batch, channels, height // factor, width // factor)
        decoded = model.autoencoder.decoder_module()(latents)
        assert decoded.shape == image.shape

        mask = torch.zeros(batch, 1, height // factor, width // factor)
        sample = torch.cat([latents, mask, latents], dim=1)
        timestep = torch.tensor([10, 900])
        output = model.unet(sample, timestep, embeddings, embeddings, embeddings, mask)
        assert output.shape == latents.shape


def test_sd15_inpaint_config_matches_stable_diffusion():
    config = named_config("sd15-inpaint")
    config.validate()
    assert config.unet.in_channels == 9
    assert config.unet.block_out_channels == (320, 640, 1280, 1280)
    assert config.text.max_length == 77
    assert config.text.hidden_size == 768
    assert config.autoencoder.downsample_factor == 8
    assert config.multiple_of == 64


def test_tiny_config_numbers():
    config = tiny()
    config.validate()
    assert config.resolution == (64, 64)
    assert config.latent_channels == 12
    assert config.multiple_of == 8
    assert config.unet.in_channels == 25


def test_validate_rejects_channel_mismatch(tiny_config):
    tiny_config.unet.in_channels = 9
    with pytest.raises(ValueError, match="in_channels must be 2\\*latent_channels\\+1 = 25"):
        tiny_config.validate()


def test_pixel_unshuffle_round_trip(tiny_config):
    model = build_model(tiny_config, seed=0)
    image = torch.rand(1, 3, 16, 24) * 2 - 1
    latents = model.autoencoder.encoder_module()(image)
    assert torch.equal(model.autoencoder.decoder_module()(latents), image)
