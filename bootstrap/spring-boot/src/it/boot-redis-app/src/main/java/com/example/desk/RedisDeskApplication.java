package com.example.desk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A desk that already uses Spring Data Redis, and takes samco-auth's starter with its Redis store. */
@SpringBootApplication
public class RedisDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(RedisDeskApplication.class, args);
    }
}
