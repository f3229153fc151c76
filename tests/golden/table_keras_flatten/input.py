import tensorflow as tf
from tensorflow.keras.layers import Flatten


def build(x):
    y = tf.keras.layers.Flatten()(x)
    z = Flatten()(y)
    w = tf.keras.layers.Flatten(data_format="channels_first")(x)
    v = tf.keras.layers.Flatten(name="flat")(x)
    return isinstance(y, tf.keras.layers.Flatten), z, w, v
