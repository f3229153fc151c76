from mindspore import ops

Y = ops.stop_gradient(1)
