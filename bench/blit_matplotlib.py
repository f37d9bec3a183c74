#!/usr/bin/python3
"""The peer mlvis must beat: what a speed-minded matplotlib user writes for the same animation.

Draws mlvis's default picture (960x480: the loss surface with the descent path beside the data and the
current fit) for a given data set and trajectory, the fast way:
- the static figure (filled contours, axes, the data scatter) is drawn once;
- each frame restores that background (copy_from_bbox / restore_region) and draws only the moving artists
  (the path so far, the current point, the fit line, the title) with draw_artist, then blits;
- GIF: one global palette, computed once with Pillow from the last frame (which shows every colour), every
  frame quantized to it without dithering, saved in one call;
- MP4: raw RGBA frames piped to the same ffmpeg mlvis uses, libx264 yuv420p veryfast.

Usage: blit_matplotlib.py DATA.csv TRAJECTORY.json OUT.gif|OUT.mp4 [FRAMES] [FFMPEG]
DATA.csv has columns x,y; TRAJECTORY.json is an mlvis summary written with --trajectory.
"""
import json
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402


def main():
    data_path, traj_path, out = sys.argv[1:4]
    frames = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    ffmpeg = sys.argv[5] if len(sys.argv) > 5 else "ffmpeg"
    xy = np.loadtxt(data_path, delimiter=",", skiprows=1)
    x, y = xy[:, 0], xy[:, 1]
    summary = json.load(open(traj_path))
    t = summary["trajectory"]
    w0, w1, loss = np.array(t["w0"]), np.array(t["w1"]), np.array(t["loss"])
    iters = len(loss) - 1
    shown = np.unique(np.round(np.linspace(0, iters, frames)).astype(int))

    # The loss surface on a grid around the path and the optimum.
    opt = summary["optimum"]
    lo0, hi0 = min(w0.min(), opt["w0"]), max(w0.max(), opt["w0"])
    lo1, hi1 = min(w1.min(), opt["w1"]), max(w1.max(), opt["w1"])
    pad0, pad1 = 0.12 * (hi0 - lo0 or 1), 0.12 * (hi1 - lo1 or 1)
    g0 = np.linspace(lo0 - pad0, hi0 + pad0, 128)
    g1 = np.linspace(lo1 - pad1, hi1 + pad1, 128)
    G0, G1 = np.meshgrid(g0, g1)
    # MSE over the grid from sufficient statistics: mean((w1 x + w0 - y)^2).
    sx, sy, sxx, sxy, syy = x.mean(), y.mean(), (x * x).mean(), (x * y).mean(), (y * y).mean()
    L = G1 * G1 * sxx + 2 * G0 * G1 * sx + G0 * G0 - 2 * G1 * sxy - 2 * G0 * sy + syy
    levels = np.concatenate([[min(L.min(), opt["loss"])], opt["loss"] + (L.max() - opt["loss"]) * np.geomspace(1e-3, 1, 22)])

    fig, (ax_s, ax_f) = plt.subplots(1, 2, figsize=(9.6, 4.8), dpi=100)
    ax_s.contourf(G0, G1, L, levels=levels, cmap="viridis")
    ax_s.contour(G0, G1, L, levels=levels, colors="white", linewidths=0.4, alpha=0.5)
    ax_s.plot([opt["w0"]], [opt["w1"]], marker="*", color="white", markeredgecolor="black", markersize=14)
    ax_s.plot([w0[0]], [w1[0]], marker="o", color="white", markeredgecolor="black", markersize=6)
    ax_s.set_xlabel("w0 (intercept)")
    ax_s.set_ylabel("w1 (slope)")
    ax_s.set_title("Loss surface (MSE)", fontsize=10, loc="left")
    ax_f.scatter(x, y, s=14, alpha=0.8)
    ax_f.set_xlabel("x")
    ax_f.set_ylabel("y")
    ax_f.set_title("Data and current fit", fontsize=10, loc="left")
    ax_f.set_xlim(x.min() - 0.05 * np.ptp(x), x.max() + 0.05 * np.ptp(x))
    ax_f.set_ylim(y.min() - 0.1 * np.ptp(y), y.max() + 0.1 * np.ptp(y))
    fig.tight_layout(rect=(0, 0, 1, 0.94))

    (path,) = ax_s.plot([], [], color="#d62728", lw=2, animated=True)
    (point,) = ax_s.plot([], [], "o", color="#d62728", markeredgecolor="white", animated=True)
    (line,) = ax_f.plot([], [], color="#d62728", lw=2, animated=True)
    title = fig.text(0.01, 0.97, "", fontsize=11, va="top", animated=True)
    xs = np.array(ax_f.get_xlim())

    fig.canvas.draw()
    background = fig.canvas.copy_from_bbox(fig.bbox)
    width, height = fig.canvas.get_width_height()

    def frame(k):
        fig.canvas.restore_region(background)
        path.set_data(w0[: k + 1], w1[: k + 1])
        point.set_data([w0[k]], [w1[k]])
        line.set_data(xs, w1[k] * xs + w0[k])
        title.set_text(f"Linear regression · gradient descent   iteration {k} / {iters}   loss = {loss[k]:.4g}")
        for a in (path, point, line, title):
            fig.draw_artist(a)
        fig.canvas.blit(fig.bbox)
        return np.asarray(fig.canvas.buffer_rgba())

    hold = int(round(1.5 * 20))
    if out.endswith(".mp4"):
        proc = subprocess.Popen(
            [ffmpeg, "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", f"{width}x{height}",
             "-r", "20", "-i", "-", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", out],
            stdin=subprocess.PIPE,
        )
        last = None
        for k in shown:
            last = frame(k).tobytes()
            proc.stdin.write(last)
        for _ in range(hold):
            proc.stdin.write(last)
        proc.stdin.close()
        if proc.wait() != 0:
            sys.exit("ffmpeg failed")
        return

    images = [Image.fromarray(frame(k)[:, :, :3].copy()) for k in shown]
    palette = images[-1].quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    frames_p = [im.quantize(palette=palette, dither=Image.Dither.NONE) for im in images]
    durations = [50] * (len(frames_p) - 1) + [50 + hold * 50]
    frames_p[0].save(out, save_all=True, append_images=frames_p[1:], duration=durations, loop=0, optimize=False)


if __name__ == "__main__":
    main()
