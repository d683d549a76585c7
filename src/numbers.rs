//! The number reader: Arabic and Chinese numerals, magnitudes (万/亿), approximation words.
