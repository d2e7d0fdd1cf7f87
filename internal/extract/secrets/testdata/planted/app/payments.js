// A Stripe test key in JavaScript (stripe-access-token, an api-token; key stripeKey).
const stripeKey = "sk_test_L2aEJXquQrDs0GPRZwwrPwV8";
module.exports = { stripeKey };
