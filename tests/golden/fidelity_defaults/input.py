import tensorflow as tf


def f(params, idx, x, b, k):
    a = tf.gather(params, idx, batch_dims=1)          # axis = batch_dims
    c = tf.gather(params, idx, axis=2, batch_dims=1)
    d = tf.gather(params, idx)
    e = tf.gather(params, idx, batch_dims=k)          # not a literal
    g = tf.expand_dims(x, axis=[-1])                  # one-element list
    h = tf.expand_dims(x, [1, 2])
    i = tf.expand_dims(x, dim=1)
    j = tf.expand_dims(x)                             # TF raises too
    m = tf.nn.l2_normalize(x, axis=[1])
    n = tf.nn.l2_normalize(x, axis=[0, 1])            # several axes
    o = tf.nn.bias_add(x, b, data_format="NCHW")
    p = tf.nn.bias_add(x, b, data_format="NCDHW")
    q = tf.nn.bias_add(x, b, data_format=fmt)
    return a, c, d, e, g, h, i, j, m, n, o, p, q
