from .middle import *


def build(x):
    y = layers.dense(x, 3)
    return tf.stop_gradient(helper(y))
