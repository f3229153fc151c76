import tensorflow as tf
from mindspore import ops

K = tf.keras.backend
layers = tf.layers
slim = tf.contrib.slim
nn, freeze = tf.nn, tf.stop_gradient
A = B = tf.keras.backend


def model(x):
    y = ops.dot(x, x) + ops.dot(x, x) + ops.dot(x, x)
    z = layers.dense(y, 3)
    return slim.conv2d(z, 3, 3), ops.relu(x), ops.stop_gradient(x)
