import tensorflow as tf
from mindspore import ops


def nn(x, b, labels, logits, make):
    a = ops.BiasAdd(data_format='NHWC')(x, b)
    c = ops.BiasAdd(data_format="NCHW")(x, b)
    d = ops.L2Loss()(x) + ops.selu(x)
    e = ops.L2Normalize(axis=-1, epsilon=1e-12)(x)
    f = ops.L2Normalize(axis=1, epsilon=1e-6)(x)
    g = tf.nn.l2_normalize(x)
    h = tf.nn.l2_normalize(x, dim=1)
    i = ops.SigmoidCrossEntropyWithLogits()(logits, labels)
    j = ops.SigmoidCrossEntropyWithLogits()(logits, labels)
    k = tf.nn.sigmoid_cross_entropy_with_logits(labels=make(), logits=logits)
    return a, c, d, e, f, g, h, i, j, k
