import tensorflow as tf


def train(loss, params):
    grads = tf.gradients(loss, params)
    return grads, tf.gradients
