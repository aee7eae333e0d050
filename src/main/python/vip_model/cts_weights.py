"""Write the C-T-S copies and gates of a training checkpoint to a safetensors file, the
`--cts-weights` input of `vip_model.export --sd15`.

    python3 -m vip_model.cts_weights --checkpoint runs/sd15-cts/checkpoint.pt --out cts.safetensors
"""

import argparse
from pathlib import Path

from .export import load_checkpoint
from .loaders import cts_state_dict
from .safetensors import save_file


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python3 -m vip_model.cts_weights",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", type=Path, required=True,
                        help="training checkpoint written by vip_model.train")
    parser.add_argument("--no-ema", action="store_true",
                        help="write the raw weights instead of the EMA weights")
    parser.add_argument("--out", type=Path, required=True, help="output .safetensors file")
    args = parser.parse_args(argv)

    model, _, state = load_checkpoint(args.checkpoint, use_ema=not args.no_ema)
    weights = cts_state_dict(model)
    save_file(weights, args.out)
    print(f"wrote {len(weights)} C-T-S tensors from step {state['step']} to {args.out}")


if __name__ == "__main__":
    main()
