import tensorflow as tf

K = tf.keras.backend
layers = tf.layers
slim = tf.contrib.slim
nn, freeze = tf.nn, tf.stop_gradient
A = B = tf.keras.backend


def model(x):
    y = K.dot(x, x) + A.dot(x, x) + B.dot(x, x)
    z = layers.dense(y, 3)
    return slim.conv2d(z, 3, 3), nn.relu(x), freeze(x)
