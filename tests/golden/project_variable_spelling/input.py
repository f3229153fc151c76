import mindspore
import tensorflow as tf

w = tf.Variable(tf.random_normal([3, 4], stddev=0.1))
b = tf.Variable(tf.zeros([4]), trainable=False)
