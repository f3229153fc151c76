import tensorflow as tf


def f(x, n):
    w = tf.get_variable("w", [3, 3], dtype=tf.float32)
    p = tf.placeholder(tf.int32, [None])
    v = tf.Variable(tf.random_normal([3, 3]), name="v")
    a = tf.cast(x, tf.float32)
    b = tf.cast(x, tf.string)
    c = tf.nn.relu(tf.layers.dense(x, n))
    d = tf.nn.relu(tf.matmul(x, w))
    e = tf.zeros([3], dtype=tf.float32)
    return w, p, v, a, b, c, d, e
