import tensorflow as tf


def f(x, c, y, z):
    a, b, d = tf.split(x, 3, axis=1)         # 3 pieces
    e = tf.split(x, [2, 3, 5], 1)            # sizes
    g = tf.split(x, n)                       # unknown: refused
    h = tf.argmax(x)                         # axis 0 in TF
    i = tf.argmax(x, 1)
    j = tf.argmax(x, dimension=1)
    k = tf.argmin(x, axis=-1)
    m = tf.reduce_max(x, axis=1)             # ops.max returns a tuple
    n = tf.reduce_min(x)
    o = tf.where(c, y, z)                    # rank-1 condition: review
    p = tf.where(c)
    q = tf.cast(x, tf.float32)
    r = tf.to_float(x)
    s = tf.concat([y, z], axis=-1)
    t = tf.one_hot(c, 10)
    u = tf.sort(x, direction="DESCENDING")issubclass
    return a, b, d, e, g, h, i, j, k, m, n, o, p, q, r, s, t, u
