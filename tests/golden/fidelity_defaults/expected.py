import tensorflow as tf
from mindspore import ops


def f(params, idx, x, b, k):
    a = ops.gather(params, idx, 1, 1)          # axis = batch_dims
    c = ops.gather(params, idx, 2, 1)
    d = ops.gather(params, idx, 0)
    e = tf.gather(params, idx, batch_dims=k)          # not a literal
    g = ops.expand_dims(x, -1)                  # one-element list
    h = tf.expand_dims(x, [1, 2])
    i = ops.expand_dims(x, 1)
    j = tf.expand_dims(x)                             # TF raises too
    m = ops.L2Normalize(axis=1, epsilon=1e-12)(x)
    n = tf.nn.l2_normalize(x, axis=[0, 1])            # several axes
    o = ops.BiasAdd(data_format="NCHW")(x, b)
    p = ops.BiasAdd(data_format='NCHW')(x, b)
    q = tf.nn.bias_add(x, b, data_format=fmt)
    return a, c, d, e, g, h, i, j, m, n, o, p, q
