from mindspore import ops
y = ops.reshape(ops.stop_gradient(x), (-1, 784))
z = ops.reshape(x, \
               (1, 2))
w = ops.BiasAdd(data_format='NHWC')(x, \
                   b)
