import tensorflow as tf
from mindspore import ops
y = f'{ops.BiasAdd(data_format="NHWC")(x, b)}'
z = f"{ops.BiasAdd(data_format='NHWC')(x, b)}"
w = f'{f"{tf.nn.bias_add(x, b)}"}'
v = f'''{ops.BiasAdd(data_format='NHWC')(x, b)}'''
u = f'{ops.reshape(x, (1,))!r:>{ops.reshape(x, (1,))}}'
