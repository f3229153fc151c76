import tensorflow as tf
from mindspore.nn import Flatten
from mindspore import nn


def build(x):
    y = nn.Flatten()(x)
    z = Flatten()(y)
    w = tf.keras.layers.Flatten(data_format="channels_first")(x)
    v = tf.keras.layers.Flatten(name="flat")(x)
    return isinstance(y, nn.Flatten), z, w, v
