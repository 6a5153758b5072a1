"""Copy a distswift float32 store as float64: every {unix_seconds}.npy converted with numpy, measured_depth.npy and
time.npy copied, store.json copied with dtype float64. Usage: to_float64.py SRC_STORE DST_STORE"""
import json, os, re, shutil, sys
import numpy as np

src, dst = sys.argv[1:3]
os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    if re.fullmatch(r"-?\d+\.npy", name):
        np.save(os.path.join(dst, name), np.load(os.path.join(src, name)).astype(np.float64))
    elif name in ("measured_depth.npy", "time.npy"):
        shutil.copyfile(os.path.join(src, name), os.path.join(dst, name))
manifest = json.load(open(os.path.join(src, "store.json")))
manifest["dtype"] = "float64"
json.dump(manifest, open(os.path.join(dst, "store.json"), "w"), indent=2)
