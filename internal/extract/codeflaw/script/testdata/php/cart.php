<?php
// Fixture: a shopping cart kept in a cookie (unsafe deserialization). Exercises unserialize of a cookie,
// unserialize with allowed_classes => false, and json_decode.
// Right answer: one deserialization finding; two safe reads.
function load_cart(): array
{
    $cart = unserialize(base64_decode($_COOKIE['cart'] ?? '')); // want: deserialization
    return is_array($cart) ? $cart : [];
}

function load_cart_safely(): array
{
    $cart = unserialize($_COOKIE['cart'] ?? 'a:0:{}', ['allowed_classes' => false]); // safe: no objects
    return is_array($cart) ? $cart : [];
}

function load_prefs(): array
{
    return json_decode($_COOKIE['prefs'] ?? '{}', true) ?: []; // safe: JSON
}
