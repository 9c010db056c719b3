<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shards: one site written by several processes at once (teikit build -\-jobs N, or a Dask
  cluster). Every process runs this same stylesheet on the same tree; process $shard of
  $shards writes only the files whose name falls to it, so each page is made exactly as a
  single run makes it (the outputs are byte-identical) while the work is divided. With one
  shard (the default) every file is written.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <xsl:param name="shard" as="xs:integer" select="0"/>
  <xsl:param name="shards" as="xs:integer" select="1"/>

  <!--* Whether this process writes $file: a position-weighted sum of its characters, modulo
        the number of shards (stable, and spreads body-1 ... body-999 evenly). -->
  <xsl:function name="tk:my-file" as="xs:boolean">
    <xsl:param name="file" as="xs:string"/>
    <xsl:sequence select="$shards le 1 or (let $c := string-to-codepoints($file)
        return sum(for $i in 1 to count($c) return $c[$i] * $i) mod $shards) = $shard"/>
  </xsl:function>
</xsl:stylesheet>
