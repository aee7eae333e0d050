"""Reference values for the Java scheduler tests.

Implements the update rules of diffusers' DDIMScheduler (set_alpha_to_one=False) and
DPMSolverMultistepScheduler (dpmsolver++, order 2, midpoint, lower_order_final, final sigma 0)
in float64 numpy, written from the formulas, so the Java tests compare against numbers that do
not come from the Java code. Run with: /usr/bin/python3 scheduler_reference.py
"""
import numpy as np

N = 1000
betas = np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, N, dtype=np.float64) ** 2
ac = np.cumprod(1.0 - betas)


def ddim_timesteps(steps, spacing, offset=1):
    if spacing == "linspace":
        return np.linspace(0, N - 1, steps).round()[::-1].astype(np.int64)
    if spacing == "leading":
        ratio = N // steps
        return (np.arange(0, steps) * ratio).round()[::-1].astype(np.int64) + offset
    ratio = N / steps
    return np.round(np.arange(N, 0, -ratio)).astype(np.int64) - 1


def dpm_timesteps(steps, spacing, offset=1):
    if spacing == "linspace":
        return np.linspace(0, N - 1, steps + 1).round()[::-1][:-1].astype(np.int64)
    if spacing == "leading":
        ratio = N // (steps + 1)
        return (np.arange(0, steps + 1) * ratio).round()[::-1][:-1].astype(np.int64) + offset
    ratio = N / steps
    return np.arange(N, 0, -ratio).round().astype(np.int64) - 1


def ddim_step(out, t, x, steps, eta=0.0, pred="epsilon"):
    prev = t - N // steps
    a_t = ac[t]
    a_prev = ac[prev] if prev >= 0 else ac[0]
    b_t = 1 - a_t
    if pred == "epsilon":
        x0 = (x - b_t ** 0.5 * out) / a_t ** 0.5
        eps = out
    else:
        x0 = a_t ** 0.5 * x - b_t ** 0.5 * out
        eps = a_t ** 0.5 * out + b_t ** 0.5 * x
    var = ((1 - a_prev) / (1 - a_t)) * (1 - a_t / a_prev)
    std = eta * var ** 0.5
    return a_prev ** 0.5 * x0 + (1 - a_prev - std ** 2) ** 0.5 * eps, std


def fake_model(x, t):
    return 0.1 * x + 0.001 * t


def dpm_run(steps, spacing, x):
    ts = dpm_timesteps(steps, spacing)
    sig = np.append(((1 - ac[ts]) / ac[ts]) ** 0.5, 0.0)
    alpha = lambda s: 1 / (s * s + 1) ** 0.5
    lam = lambda s: np.inf if s == 0 else -np.log(s)
    prev_x0 = None
    lower = 0
    out = []
    for i, t in enumerate(ts):
        s0, st = sig[i], sig[i + 1]
        x0 = (x - s0 * alpha(s0) * fake_model(x, t)) / alpha(s0)
        h = lam(st) - lam(s0)
        if prev_x0 is None or lower < 1 or i == len(ts) - 1:
            x = (st * alpha(st)) / (s0 * alpha(s0)) * x - alpha(st) * np.expm1(-h) * x0
        else:
            r0 = (lam(s0) - lam(sig[i - 1])) / h
            d1 = (x0 - prev_x0) / r0
            x = (st * alpha(st)) / (s0 * alpha(s0)) * x - alpha(st) * np.expm1(-h) * x0 \
                - 0.5 * alpha(st) * np.expm1(-h) * d1
        prev_x0 = x0
        lower = min(lower + 1, 2)
        out.append(x.copy())
    return ts, out


def fmt(a):
    return ", ".join(repr(float(v)) for v in np.ravel(a))


for steps in (10, 7):
    for sp in ("leading", "trailing", "linspace"):
        print("ddim", steps, sp, list(ddim_timesteps(steps, sp)))
        print("dpm ", steps, sp, list(dpm_timesteps(steps, sp)))

x = np.array([0.5, -1.0, 2.0])
e = np.array([0.1, -0.3, 0.7])
print("ddim eps t=501 steps=10", fmt(ddim_step(e, 501, x, 10)[0]))
print("ddim v t=501 steps=10", fmt(ddim_step(e, 501, x, 10, pred="v_prediction")[0]))
print("ddim eps t=1 steps=10 (final)", fmt(ddim_step(e, 1, x, 10)[0]))
det, std = ddim_step(e, 501, x, 10, eta=0.5)
print("ddim eta=0.5 t=501 deterministic part", fmt(det), "std", repr(std))
for sp in ("leading", "trailing", "linspace"):
    ts, outs = dpm_run(5, sp, x)
    print("dpm run", sp, list(ts))
    for o in outs:
        print("   ", fmt(o))
