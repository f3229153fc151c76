import tensorflow as tf


def f(x, y, h, w, level, n):
    # TF packs Python numbers and nested lists into the tensor it stacks
    # or concatenates; MindSpore's stack and concat need Tensors only.
    a = tf.stack([h, w, 0])
    b = tf.stack([[1, 0], [-level, 1]])
    c = tf.concat([x, [0]], 0)
    d = tf.concat(([n], y), axis=0)
    e = tf.concat(values=[[-1, 1], y], axis=0)
    # Elements the tool cannot see (names, calls) convert as before.
    g = tf.stack([h, w], axis=1)
    k = tf.concat([x, y], -1)
    m = tf.stack(x)
    return a, b, c, d, e, g, k, m
