import tensorflow as tf


def build(x, w, sess):
    emb = tf.matmul(x, w, name="embeddings")
    out = tf.nn.relu(emb, name="output_image")
    other = tf.identity(out, name="plain")
    t = sess.graph.get_tensor_by_name("embeddings:0")
    frozen = convert(sess, output_node_names=["output_image"])
    if isinstance(x, tf.Tensor):
        x = x + 1
    if isinstance(w, tf.SparseTensor):
        w = densify(w)
    return t, frozen, other
