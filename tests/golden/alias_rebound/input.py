import tensorflow as tf

K = tf.keras.backend
layers = tf.layers
slim = tf.contrib.slim
layers += []
del slim


def rebind():
    global K
    K = make_backend()


def model(x):
    return K.dot(x, x), layers.dense(x, 3), slim.conv2d(x, 3, 3)


for nn in [tf.nn]:
    pass
