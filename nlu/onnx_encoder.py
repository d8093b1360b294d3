"""all-MiniLM-L6-v2 as an int8 ONNX graph run by onnxruntime: the fast sentence encoder.

`build()` writes the graph from the hash-checked weights (nlu/sentence_encoder.py) with the
`onnx` helper API, so no PyTorch and no converter download is needed: the same 6-layer BERT as
the numpy reference (query, key and value fused into one matrix product), mean pooling, then
onnxruntime's dynamic int8 quantisation of the dense layers' weights. `make train` builds it into
models/ (never committed). The numpy SentenceEncoder stays the reference: tests check the two
agree (tests/test_onnx_encoder.py).

Why: the numpy float32 encoder costs ~20 ms for a 39-word-piece message and ~105 ms for 150 on
this machine; parents' real messages are long, and the latency budget has ~18 ms at p50
(docs/nlu.md has the measured table).
"""

import math
import sys
from pathlib import Path

import numpy as np

from .sentence_encoder import (
    HEADS,
    HIDDEN,
    LAYER_NORM_EPS,
    LAYERS,
    PUBLISHED_WEIGHTS_SHA256,
    EncoderUnavailable,
    WordPiece,
    _Encoder,
    model_dir,
    published_weights,
    unit_vector,
)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATH = REPO / "models" / "minilm_int8.onnx"
# Bump when the graph changes, so a stale file built by older code is refused.
GRAPH_VERSION = "2"
OPSET = 17  # LayerNormalization is a single op from opset 17


def _graph(weights: dict[str, np.ndarray]):
    from onnx import TensorProto, helper, numpy_helper

    nodes, initialisers = [], []

    def const(name: str, value: np.ndarray) -> str:
        initialisers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], name: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    def linear(x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        # Weights are stored (out, in): x @ W.T + b.
        product = node("MatMul", [x, const(name + ".w", weight.T.astype(np.float32))], name + ".mm")
        return node("Add", [product, const(name + ".b", bias)], name)

    def layer_norm(x: str, prefix: str, name: str) -> str:
        return node(
            "LayerNormalization",
            [
                x,
                const(name + ".g", weights[prefix + ".weight"]),
                const(name + ".b", weights[prefix + ".bias"]),
            ],
            name,
            axis=-1,
            epsilon=LAYER_NORM_EPS,
        )

    head_dim = HIDDEN // HEADS
    # Embeddings: word piece + position (+ token type 0, folded into the position table).
    positions = (
        weights["embeddings.position_embeddings.weight"]
        + weights["embeddings.token_type_embeddings.weight"][0]
    )
    length = node("Shape", ["input_ids"], "length")
    words = node(
        "Gather",
        [const("word_table", weights["embeddings.word_embeddings.weight"]), "input_ids"],
        "words",
    )
    zero = const("zero", np.array([0], np.int64))
    position_rows = node(
        "Slice",
        [const("position_table", positions.astype(np.float32)), zero, length, zero],
        "position_rows",
    )
    x = layer_norm(
        node("Add", [words, position_rows], "embedded"), "embeddings.LayerNorm", "emb_ln"
    )
    split_shape = const("split_shape", np.array([0, 3 * HEADS, head_dim], np.int64))
    merge_shape = const("merge_shape", np.array([0, HIDDEN], np.int64))
    scale = const("scale", np.array(1.0 / math.sqrt(head_dim), np.float32))
    half, one, root2 = (
        const(n, np.array(v, np.float32))
        for n, v in (("half", 0.5), ("one", 1.0), ("root2", math.sqrt(2.0)))
    )
    for i in range(LAYERS):
        p, n = f"encoder.layer.{i}.", f"l{i}"
        fused_w = np.concatenate(
            [weights[p + f"attention.self.{k}.weight"] for k in ("query", "key", "value")]
        )
        fused_b = np.concatenate(
            [weights[p + f"attention.self.{k}.bias"] for k in ("query", "key", "value")]
        )
        qkv = linear(x, fused_w, fused_b, n + ".qkv")
        # (seq, 3*heads, head_dim) -> (3*heads, seq, head_dim); q, k, v: (heads, seq, head_dim)
        by_head = node(
            "Transpose",
            [node("Reshape", [qkv, split_shape], n + ".qkv_r")],
            n + ".qkv_t",
            perm=[1, 0, 2],
        )
        sizes = const(n + ".sizes", np.array([HEADS] * 3, np.int64))
        nodes.append(
            helper.make_node(
                "Split", [by_head, sizes], [n + ".q", n + ".k", n + ".v"], name=n + ".split", axis=0
            )
        )
        key_t = node("Transpose", [n + ".k"], n + ".kt", perm=[0, 2, 1])
        scores = node("Mul", [node("MatMul", [n + ".q", key_t], n + ".qk"), scale], n + ".scores")
        attention = node("Softmax", [scores], n + ".attn", axis=-1)
        context = node("MatMul", [attention, n + ".v"], n + ".ctx")
        merged = node(
            "Reshape",
            [node("Transpose", [context], n + ".ctx_t", perm=[1, 0, 2]), merge_shape],
            n + ".ctx_m",
        )
        attended = linear(
            merged,
            weights[p + "attention.output.dense.weight"],
            weights[p + "attention.output.dense.bias"],
            n + ".attn_out",
        )
        x = layer_norm(
            node("Add", [attended, x], n + ".res1"), p + "attention.output.LayerNorm", n + ".ln1"
        )
        inner = linear(
            x,
            weights[p + "intermediate.dense.weight"],
            weights[p + "intermediate.dense.bias"],
            n + ".inner",
        )
        # GELU, exact (erf) form as the model was trained
        gelu = node(
            "Mul",
            [
                node("Mul", [inner, half], n + ".g_half"),
                node(
                    "Add",
                    [node("Erf", [node("Div", [inner, root2], n + ".g_div")], n + ".g_erf"), one],
                    n + ".g_1p",
                ),
            ],
            n + ".gelu",
        )
        out = linear(
            gelu, weights[p + "output.dense.weight"], weights[p + "output.dense.bias"], n + ".out"
        )
        x = layer_norm(node("Add", [out, x], n + ".res2"), p + "output.LayerNorm", n + ".ln2")
    nodes.append(
        helper.make_node("ReduceMean", [x], ["pooled"], name="pooled", axes=[0], keepdims=0)
    )
    graph = helper.make_graph(
        nodes,
        "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["seq"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, [HIDDEN])],
        initialisers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    helper.set_model_props(
        model, {"source_sha256": PUBLISHED_WEIGHTS_SHA256, "graph_version": GRAPH_VERSION}
    )
    return model


def build(path: Path = DEFAULT_PATH, quantise: bool = True, directory: Path | None = None) -> Path:
    """Write the encoder graph (int8 dense weights unless `quantise` is False) to `path`."""
    import onnx
    from safetensors.numpy import load_file

    directory = directory or model_dir()
    weights = load_file(str(published_weights(directory)))
    path.parent.mkdir(parents=True, exist_ok=True)
    float_path = path.with_suffix(".fp32.onnx") if quantise else path
    onnx.save(_graph(weights), str(float_path))
    if quantise:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # Only the dense layers' weights (MatMul with a constant; the attention products and the
        # embedding tables stay float), one scale per output column, unsigned 8-bit: per-tensor
        # int8 gave mean cosine 0.964 (min 0.927) to the float reference on the real set, this
        # 0.995 (min 0.989) at the same speed (scripts/bench_encoder.py, docs/nlu.md).
        quantize_dynamic(
            float_path,
            path,
            weight_type=QuantType.QUInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )
        float_path.unlink()
    return path


class OnnxEncoder(_Encoder):
    """all-MiniLM-L6-v2 through onnxruntime: text -> 384-dimensional unit vector."""

    def __init__(self, path: Path = DEFAULT_PATH, threads: int = 1, directory: Path | None = None):
        import onnxruntime

        if not path.exists():
            raise EncoderUnavailable(f"{path} is missing: build it with `make train`")
        options = onnxruntime.SessionOptions()
        # One message at a time on a small shared machine: one thread has the best latency.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        props = self.session.get_modelmeta().custom_metadata_map
        if (
            props.get("source_sha256") != PUBLISHED_WEIGHTS_SHA256
            or props.get("graph_version") != GRAPH_VERSION
        ):
            raise EncoderUnavailable(
                f"{path} was not built by this code: rebuild with `make train`"
            )
        self.tokenizer = WordPiece((directory or model_dir()) / "vocab.txt")

    def encode_one(self, text: str) -> np.ndarray:
        ids = np.array(self.tokenizer.encode(text), dtype=np.int64)
        (pooled,) = self.session.run(None, {"input_ids": ids})
        return unit_vector(pooled)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    print(f"wrote {build(target)}")
