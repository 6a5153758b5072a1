"""Independent references for distswift's learning commands.

usage:
  python3 learning_reference.py kmeans FOLDER K     features.npy (samples x features) and labels.npy (distswift's):
                                                    prints "agree" when scikit-learn's KMeans labels are the same
                                                    partition (equal up to renumbering), else "differ N"
  python3 learning_reference.py keras-write FOLDER  writes model.h5 (Dense 6->8 relu, Dense 8->3 softmax, Keras 2 HDF5
                                                    layout, written with h5py) and conv.h5 (a Conv1D layer)
  python3 learning_reference.py keras-check FOLDER  evaluates model.h5's weights in numpy on input.npy and prints the
                                                    worst error of distswift's output.npy relative to the largest value
"""
import json
import sys

import h5py
import numpy as np

mode, folder = sys.argv[1], sys.argv[2]

if mode == "kmeans":
    from sklearn.cluster import KMeans

    features = np.load(folder + "/features.npy")
    ours = np.load(folder + "/labels.npy").ravel().astype(int)
    theirs = KMeans(n_clusters=int(sys.argv[3]), n_init=10, random_state=0).fit(features).labels_
    # The same partition: every distswift label maps to exactly one scikit-learn label and back.
    pairs = set(zip(ours, theirs))
    same = len(pairs) == len(set(ours)) == len(set(theirs))
    print("agree" if same else f"differ {len(pairs)}")

elif mode == "keras-write":
    rng = np.random.default_rng(3)
    W1, b1 = rng.normal(size=(6, 8)).astype(np.float32), rng.normal(size=8).astype(np.float32)
    W2, b2 = rng.normal(size=(8, 3)).astype(np.float32), rng.normal(size=3).astype(np.float32)

    def dense(name, units, activation):
        return {"class_name": "Dense", "config": {"name": name, "units": units, "activation": activation,
                                                  "use_bias": True}}

    def write(path, layers, weights):
        with h5py.File(path, "w") as f:
            f.attrs["keras_version"] = b"2.13.1"
            f.attrs["backend"] = b"tensorflow"
            config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
            f.attrs["model_config"] = json.dumps(config).encode("utf8")
            group = f.create_group("model_weights")
            group.attrs["layer_names"] = [name.encode() for name in weights]
            for name, arrays in weights.items():
                layer = group.create_group(name)
                layer.attrs["weight_names"] = [f"{name}/{k}:0".encode() for k in arrays]
                for k, v in arrays.items():
                    layer.create_dataset(f"{name}/{k}:0", data=v)

    inputs = {"class_name": "InputLayer", "config": {"name": "input_1", "batch_input_shape": [None, 6]}}
    write(folder + "/model.h5", [inputs, dense("dense", 8, "relu"), dense("dense_1", 3, "softmax")],
          {"dense": {"kernel": W1, "bias": b1}, "dense_1": {"kernel": W2, "bias": b2}})
    conv = {"class_name": "Conv1D", "config": {"name": "conv1d", "filters": 2, "kernel_size": [3]}}
    write(folder + "/conv.h5", [conv, dense("dense", 3, "relu")], {"dense": {"kernel": W2, "bias": b2}})

elif mode == "keras-check":
    x = np.load(folder + "/input.npy")
    with h5py.File(folder + "/model.h5", "r") as f:
        W1, b1 = f["model_weights/dense/dense/kernel:0"][()], f["model_weights/dense/dense/bias:0"][()]
        W2, b2 = f["model_weights/dense_1/dense_1/kernel:0"][()], f["model_weights/dense_1/dense_1/bias:0"][()]
    h = np.maximum(x @ W1.astype(float) + b1, 0)
    z = h @ W2.astype(float) + b2
    e = np.exp(z - z.max(axis=1, keepdims=True))
    ref = e / e.sum(axis=1, keepdims=True)
    ours = np.load(folder + "/output.npy")
    print(repr(float(np.max(np.abs(ours - ref)) / np.max(np.abs(ref)))) if ours.shape == ref.shape
          else f"shape {ours.shape} != {ref.shape}")
