import torch

from vip_model.attention import BasicTransformerBlock, CTSBlock
from vip_model.model import build_model


def _perturbed_block(seed: int = 0) -> CTSBlock:
    torch.manual_seed(seed)
    block = CTSBlock(BasicTransformerBlock(dim=16, heads=2, context_dim=8))
    with torch.no_grad():
        for parameter in list(block.center.parameters()) + list(block.surround.parameters()):
            parameter.add_(torch.randn_like(parameter))
    return block.eval()


def _inputs(tokens: int = 12):
    torch.manual_seed(1)
    hidden = torch.randn(2, tokens, 16)
    e_total, e_center, e_surround = (torch.randn(2, 5, 8) for _ in range(3))
    mask_tokens = (torch.rand(2, tokens, 1) > 0.5).float()
    return hidden, e_total, e_center, e_surround, mask_tokens


def test_copies_start_equal_to_base():
    block = CTSBlock(BasicTransformerBlock(dim=16, heads=2, context_dim=8))
    for name, value in block.total.state_dict().items():
        assert torch.equal(block.center.state_dict()[name], value), name
        assert torch.equal(block.surround.state_dict()[name], value), name
    assert block.gate.item() == 0.0


def test_gate_zero_equals_base_block_exactly():
    block = _perturbed_block()
    hidden, e_total, e_center, e_surround, mask_tokens = _inputs()
    with torch.no_grad():
        output = block(hidden, e_total, e_center, e_surround, mask_tokens)
        base = block.total(hidden, e_total)
    assert torch.equal(output, base)


def test_gate_one_routes_center_and_surround():
    block = _perturbed_block()
    with torch.no_grad():
        block.gate.fill_(1.0)
    hidden, e_total, e_center, e_surround, mask_tokens = _inputs()
    with torch.no_grad():
        output = block(hidden, e_total, e_center, e_surround, mask_tokens)
        center = block.center(hidden, e_center)
        surround = block.surround(hidden, e_surround)
    generate = mask_tokens.expand_as(output) > 0.5
    assert torch.allclose(output[generate], surround[generate], atol=1e-6)
    assert torch.allclose(output[~generate], center[~generate], atol=1e-6)
    assert not torch.allclose(center, surround, atol=1e-3)


def test_gate_interpolates_between_base_and_spatial():
    block = _perturbed_block()
    with torch.no_grad():
        block.gate.fill_(0.25)
    hidden, e_total, e_center, e_surround, mask_tokens = _inputs()
    with torch.no_grad():
        output = block(hidden, e_total, e_center, e_surround, mask_tokens)
        spatial = (block.center(hidden, e_center) * (1 - mask_tokens)
                   + block.surround(hidden, e_surround) * mask_tokens)
        expected = 0.75 * block.total(hidden, e_total) + 0.25 * spatial
    assert torch.allclose(output, expected, atol=1e-6)


def test_unet_with_zero_gates_ignores_center_and_surround_prompts(tiny_config):
    model = build_model(tiny_config, seed=0).eval()
    torch.manual_seed(2)
    sample = torch.randn(2, 25, 16, 16)
    timestep = torch.tensor([5, 700])
    e_total, e_center, e_surround = (torch.randn(2, 16, 64) for _ in range(3))
    mask = (torch.rand(2, 1, 16, 16) > 0.5).float()
    with torch.no_grad():
        split = model.unet(sample, timestep, e_total, e_center, e_surround, mask)
        total_only = model.unet(sample, timestep, e_total, e_total, e_total, mask)
    assert torch.equal(split, total_only)


def test_unet_mask_reaches_blocks_at_each_resolution(tiny_config):
    model = build_model(tiny_config, seed=0).eval()
    for block in model.unet.cts_blocks():
        with torch.no_grad():
            block.gate.fill_(1.0)
    torch.manual_seed(3)
    sample = torch.randn(1, 25, 16, 16)
    timestep = torch.tensor([400])
    e_total, e_center, e_surround = (torch.randn(1, 16, 64) for _ in range(3))
    generate_all = torch.ones(1, 1, 16, 16)
    with torch.no_grad():
        with_surround = model.unet(sample, timestep, e_total, e_center, e_surround, generate_all)
        surround_changed = model.unet(sample, timestep, e_total, e_center,
                                      torch.randn(1, 16, 64), generate_all)
        center_changed = model.unet(sample, timestep, e_total, torch.randn(1, 16, 64),
                                    e_surround, generate_all)
    # With every position generated, only the surround prompt can matter.
    assert torch.equal(with_surround, center_changed)
    assert not torch.allclose(with_surround, surround_changed)
