import mindspore as ms
from mindspore import ops


def build(x, w, sess):
    emb = ops.matmul(x, w)
    out = ops.relu(emb)
    other = ops.deepcopy(out)
    t = sess.graph.get_tensor_by_name("embeddings:0")
    frozen = convert(sess, output_node_names=["output_image"])
    if isinstance(x, ms.Tensor):
        x = x + 1
    if isinstance(w, ms.SparseTensor):
        w = densify(w)
    return t, frozen, other
