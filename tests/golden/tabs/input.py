import tensorflow as tf


def f(x):
	if x:
		return tf.stop_gradient(x,	name="t")
	return x
