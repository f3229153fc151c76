from mindspore import ops


def param(tf):
    return tf.stop_gradient(1)


def assigned(x):
    tf = make()
    return tf.stop_gradient(x)


def loops(xs):
    for tf in xs:
        tf.stop_gradient(1)
    with open("f") as tf:
        tf.stop_gradient(2)
    try:
        pass
    except Exception as tf:
        tf.stop_gradient(3)
    return [tf.stop_gradient(4) for tf in xs]


def nested(x):
    def tf():
        pass
    return tf.stop_gradient(x)


def uses_module(x):
    return ops.stop_gradient(x)


square = lambda tf: tf.stop_gradient(0)
inner = lambda x: ops.stop_gradient(x)


class Model(object):
    tf = None
    value = tf

    def method(self, x):
        return ops.stop_gradient(x)


def defaults(x, y=ops.stop_gradient(0), tf=None):
    return [tf for _ in range(1)]


def comprehension(xs):
    return [ops.stop_gradient(x) for x in xs]
