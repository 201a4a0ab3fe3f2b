<?php

namespace Hello;

final class Greeting
{
    public static function text(): string
    {
        return "Hello from PHP " . PHP_VERSION . " (" . PHP_SAPI . ")";
    }
}
