import tensorflow as tf


def arrays(x, idx, n, shape):
    a = tf.expand_dims(x, 0)
    b = tf.expand_dims(x, axis=-1, name="b")
    c = tf.expand_dims(x, dim=1)
    d = tf.expand_dims(x)
    e = tf.expand_dims(x, axis=0, dim=0)
    f = tf.gather(x, idx)
    g = tf.gather(x, idx, axis=1, batch_dims=1)
    h = tf.gather(x, idx, validate_indices=True, name="h")
    i = tf.reshape(x, [-1, 784])
    j = tf.reshape(x, (n, 28, 28, 1), name="j")
    k = tf.reshape(x, [-1])
    l = tf.reshape(x, shape)
    m = tf.slice(x, [0, 1], [2, -1])
    o = tf.tile(x, multiples=[1, 2])
    p = tf.transpose(x, [1, 0])
    q = tf.transpose(x)
    r = tf.transpose(x, perm=(0, 2, 1), conjugate=True)
    s = tf.ones_like(x), tf.zeros_like(x, name="s")
    t = tf.ones_like(x, dtype=tf.int32)
    return a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, t
