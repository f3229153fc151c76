import tensorflow as tf


def f(image_format, x, name):
    # TF compares string tensors; MindSpore has no strings in tensors
    a = tf.equal(image_format, 'png')
    b = tf.not_equal("jpeg" "2000", image_format)
    c = tf.add(name, "_suffix")
    # numbers still convert
    d = tf.equal(x, -1)
    return a, b, c, d
