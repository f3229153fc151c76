import tensorflow as tf


def nn(x, b, labels, logits, make):
    a = tf.nn.bias_add(x, b)
    c = tf.nn.bias_add(x, b, data_format="NCHW", name="c")
    d = tf.nn.l2_loss(x) + tf.nn.selu(x)
    e = tf.nn.l2_normalize(x, axis=-1)
    f = tf.math.l2_normalize(x, 1, epsilon=1e-6)
    g = tf.nn.l2_normalize(x)
    h = tf.nn.l2_normalize(x, dim=1)
    i = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    j = tf.nn.sigmoid_cross_entropy_with_logits(logits=logits, labels=labels)
    k = tf.nn.sigmoid_cross_entropy_with_logits(labels=make(), logits=logits)
    return a, c, d, e, f, g, h, i, j, k
