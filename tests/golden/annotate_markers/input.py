import tensorflow as tf


@tf.function
def f(x=tf.zeros([2])):
    s = """abc
"""; y = tf.placeholder(tf.float32)
    z = tf.reduce_mean(x,
                       axis=tf.constant(1))
    if x:
        pass
    elif tf.equal(x, 1): w = tf.zeros([1]) + \
            tf.ones([2])
    text = "tf.zeros is only text here"
    with tf.name_scope("a"):
        return tf.stop_gradient(x)


class Net(object):
	def build(self):
		return tf.layers.dense(self.x, 3)
